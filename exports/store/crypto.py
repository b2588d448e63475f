"""Maps encrypted at rest in the age format (age-encryption.org/v1), passphrase mode.

A new encrypted file is made by pyrage (rage, the reference Rust
implementation) with its calibrated scrypt work factor; the standard `age`
tool opens it with the same passphrase. Unlocking a file here runs scrypt
once and keeps its *file key* in memory as a `SealingKey`; every later save
of that map, its autosaves and its history, is sealed with the same key and
header and a fresh random payload nonce. That is still a valid age file
(the payload key is derived from the file key *and* the 16-byte nonce, so it
is new each time), and it costs microseconds instead of seconds of scrypt.

Nothing here writes plaintext anywhere: callers get bytes in memory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports.errors import AttachmapError
from exports.store.load_errors import MapLoadError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
SUFFIX = ".age"
CHUNK = 64 * 1024
TAG = 16
#: age's own ceiling: a higher work factor would take minutes and gigabytes.
MAX_LOG_N = 22
#: Work factor of age's Go tool; tests pass a small one to stay fast.
DEFAULT_LOG_N = 18
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_B64 = re.compile(rb"[A-Za-z0-9+/]*")


class CryptoError(MapLoadError):
    """An encrypted map could not be opened; it is left as it was.

    A kind of `MapLoadError`: whoever handles a map that will not load
    handles this too, and may tell a wrong passphrase apart to ask again.
    """

    def __init__(self, path: Path | str, message: str) -> None:
        self.message = message
        super().__init__(path, "", message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class WrongPassphrase(CryptoError):
    """The passphrase does not open this file."""


class TamperedFile(CryptoError):
    """The file is not an intact age file: changed, cut short, or not age at all."""


def is_encrypted_path(path: Path | str) -> bool:
    """Whether a map path names an encrypted map (`chase.toml.age`)."""
    return str(path).endswith(SUFFIX)


def looks_sealed(data: bytes) -> bool:
    """Whether bytes begin like an age file (binary or armored)."""
    return data.startswith(MAGIC) or data.lstrip().startswith(ARMOR)


def _b64decode(text: bytes, path: Path | str, what: str) -> bytes:
    # age uses unpadded standard base64 and rejects anything non-canonical.
    if not _B64.fullmatch(text) or len(text) % 4 == 1:
        raise TamperedFile(path, f"not an intact age file ({what} is not base64)")
    decoded = base64.b64decode(text + b"=" * (-len(text) % 4))
    if _b64encode(decoded) != text:
        raise TamperedFile(path, f"not an intact age file ({what} is not canonical base64)")
    return decoded


def _b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256 with a 32-byte output (RFC 5869), as age uses it."""
    prk = hmac.new(salt or bytes(32), key, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def _scrypt(passphrase: str, salt: bytes, log_n: int) -> bytes:
    n = 1 << log_n
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=_SCRYPT_LABEL + salt, n=n, r=8, p=1,
                          maxmem=130 * 8 * n + (1 << 20), dklen=32)


def _header_mac(file_key: bytes, header_to_dashes: bytes) -> bytes:
    return hmac.new(_hkdf(file_key, b"", b"header"), header_to_dashes, hashlib.sha256).digest()


@dataclass(frozen=True)
class _Header:
    salt: bytes
    log_n: int
    wrapped: bytes
    mac: bytes
    to_dashes: bytes
    """The header up to and including `---`: what the MAC covers."""
    length: int
    """Where the payload nonce starts."""


def _parse_header(data: bytes, path: Path | str) -> _Header:
    if data.lstrip().startswith(ARMOR):
        raise TamperedFile(path, "an armored (text) age file; write it with `age` without -a,"
                                 " or turn it to binary with `age -d | age -p`")
    if not data.startswith(MAGIC):
        raise TamperedFile(path, "not an age-encrypted file (it does not begin"
                                 " 'age-encryption.org/v1')")
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or not lines[3].startswith(b"--- "):
        stanza = lines[1] if len(lines) >= 3 else b""
        if stanza.startswith(b"-> ") and not stanza.startswith(b"-> scrypt "):
            raise TamperedFile(path, "encrypted for age keys, not with a passphrase; attachmap"
                                     " opens passphrase-encrypted maps only")
        raise TamperedFile(path, "not an intact age file (its header is cut short or has more"
                                 " than one recipient)")
    stanza, body, mac_line = lines[1], lines[2], lines[3]
    args = stanza.split(b" ")
    if args[:2] != [b"->", b"scrypt"]:
        raise TamperedFile(path, "encrypted for age keys, not with a passphrase; attachmap"
                                 " opens passphrase-encrypted maps only")
    if len(args) != 4 or not args[3].isdigit() or args[3].startswith(b"0"):
        raise TamperedFile(path, "not an intact age file (its passphrase stanza is malformed)")
    log_n = int(args[3])
    if not 1 <= log_n <= MAX_LOG_N:
        raise TamperedFile(path, f"an age work factor from 1 to {MAX_LOG_N}, got {log_n}")
    salt = _b64decode(args[2], path, "the salt")
    wrapped = _b64decode(body, path, "the wrapped key")
    if len(salt) != 16 or len(wrapped) != 32:
        raise TamperedFile(path, "not an intact age file (its passphrase stanza is malformed)")
    mac = _b64decode(mac_line[4:], path, "the header MAC")
    if len(mac) != 32:
        raise TamperedFile(path, "not an intact age file (its header MAC is malformed)")
    to_dashes = b"\n".join(lines[:3]) + b"\n---"
    return _Header(salt, log_n, wrapped, mac, to_dashes, len(b"\n".join(lines[:4])) + 1)


def _chacha(key: bytes) -> ChaCha20Poly1305:
    # `cryptography` is imported when a map is encrypted or decrypted, not
    # by every command that opens a plain map (it is slow to import).
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    return ChaCha20Poly1305(key)


def _stream(key: bytes, data: bytes, *, seal: bool) -> bytes:
    """age's STREAM: 64 KiB chunks, each nonce an 11-byte counter and a last-chunk flag."""
    aead = _chacha(key)
    size = CHUNK if seal else CHUNK + TAG
    chunks = [data[i:i + size] for i in range(0, len(data), size)] or [b""]
    out = []
    for counter, chunk in enumerate(chunks):
        last = counter == len(chunks) - 1
        nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        out.append(aead.encrypt(nonce, chunk, None) if seal else aead.decrypt(nonce, chunk, None))
    return b"".join(out)


@dataclass(frozen=True, repr=False)
class SealingKey:
    """An unlocked map's file key and header: seals new versions of it in memory.

    `repr` hides the key so it never reaches a log or a traceback.
    """

    file_key: bytes
    header: bytes
    """The whole header, through the MAC line's newline, shared by every version."""

    def __repr__(self) -> str:
        return "SealingKey(<hidden>)"

    @classmethod
    def create(cls, passphrase: str, *, log_n: int | None = None) -> SealingKey:
        """A new key for `passphrase`. Without `log_n`, pyrage makes the header
        (its calibrated work factor, seconds of scrypt) and it is unlocked here
        again, so two implementations agree before anything is trusted to it."""
        if not passphrase:
            raise ValueError("a passphrase must not be empty")
        if log_n is None:
            import pyrage

            sealed = pyrage.passphrase.encrypt(b"", passphrase)
            return unlock(sealed, passphrase, "<new key>")[1]
        salt, file_key = os.urandom(16), os.urandom(16)
        wrap = _chacha(_scrypt(passphrase, salt, log_n)).encrypt(bytes(12), file_key, None)
        to_dashes = (MAGIC + b"-> scrypt " + _b64encode(salt) + b" " + str(log_n).encode()
                     + b"\n" + _b64encode(wrap) + b"\n---")
        mac = _header_mac(file_key, to_dashes)
        return cls(file_key, to_dashes + b" " + _b64encode(mac) + b"\n")

    def seal(self, plaintext: bytes) -> bytes:
        """A complete age file holding `plaintext`, with a fresh payload nonce."""
        nonce = os.urandom(16)
        return self.header + nonce + _stream(_hkdf(self.file_key, nonce, b"payload"), plaintext,
                                             seal=True)

    def opens(self, data: bytes) -> bool:
        """Whether `data` was sealed with this key (same header), so no scrypt is needed."""
        return data.startswith(self.header)

    def unseal(self, data: bytes, path: Path | str = "<data>") -> bytes:
        """The plaintext of a file sealed with this key; `TamperedFile` if it was changed."""
        if not self.opens(data):
            raise TamperedFile(path, "not sealed with this map's key")
        return _payload(self.file_key, data[len(self.header):], path)


def _payload(file_key: bytes, rest: bytes, path: Path | str) -> bytes:
    from cryptography.exceptions import InvalidTag

    if len(rest) < 16 + TAG:
        raise TamperedFile(path, "not an intact age file (it is cut short)")
    nonce, body = rest[:16], rest[16:]
    if len(body) > TAG and len(body) % (CHUNK + TAG) == TAG:
        raise TamperedFile(path, "not an intact age file (it ends with an empty chunk)")
    try:
        return _stream(_hkdf(file_key, nonce, b"payload"), body, seal=False)
    except InvalidTag:
        raise TamperedFile(path, "has been changed or damaged since it was encrypted"
                                 " (its contents fail the integrity check)") from None


def unlock(data: bytes, passphrase: str, path: Path | str = "<data>") -> tuple[bytes, SealingKey]:
    """Open an age file with a passphrase: its plaintext and the key to re-seal it.

    `WrongPassphrase` when the passphrase does not open it, `TamperedFile`
    when the file is not an intact passphrase-encrypted age file.
    """
    from cryptography.exceptions import InvalidTag

    header = _parse_header(data, path)
    try:
        file_key = _chacha(_scrypt(passphrase, header.salt, header.log_n)).decrypt(
            bytes(12), header.wrapped, None)
    except InvalidTag:
        raise WrongPassphrase(path, "the passphrase does not open this map (check it and try"
                                    " again)") from None
    if not hmac.compare_digest(_header_mac(file_key, header.to_dashes), header.mac):
        raise TamperedFile(path, "has been changed since it was encrypted (its header fails"
                                 " the integrity check)")
    key = SealingKey(file_key, data[:header.length])
    return _payload(file_key, data[header.length:], path), key


def open_sealed(data: bytes, path: Path | str, key: SealingKey | None,
                passphrase: str | None) -> tuple[bytes, SealingKey]:
    """The plaintext of `data`, using `key` when it fits, else the passphrase."""
    if key is not None and key.opens(data):
        return key.unseal(data, path), key
    if passphrase is None:
        raise WrongPassphrase(path, "this file is encrypted; its passphrase is needed to open it")
    return unlock(data, passphrase, path)


def verify_with_pyrage(data: bytes, passphrase: str, expected: bytes, path: Path | str) -> None:
    """Check with rage, an independent implementation, that `data` opens to `expected`."""
    import pyrage

    try:
        plain = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        raise TamperedFile(path, f"did not decrypt with the age reference code ({error})") from None
    if plain != expected:
        raise TamperedFile(path, "decrypted to something other than the map")


#: The most of a passphrase file that is read: its first line must fit.
PASSPHRASE_FILE_LIMIT = 4096


def read_passphrase_file(path: Path | str) -> str:
    """A passphrase from the first line of a file (for scripts), without its newline.

    At most 4 KiB are read, so a device such as /dev/zero is refused, not
    read for ever; a pipe (`--passphrase-file <(pass show map)`) is fine."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            data = b""
            while len(data) <= PASSPHRASE_FILE_LIMIT and b"\n" not in data:
                chunk = os.read(fd, PASSPHRASE_FILE_LIMIT + 1 - len(data))
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(fd)
    except OSError as error:
        raise AttachmapError(f"{path}: could not read the passphrase file"
                             f" ({(error.strerror or str(error)).lower()})") from None
    line = data.split(b"\n", 1)[0]
    if len(line) > PASSPHRASE_FILE_LIMIT or b"\0" in line:
        raise AttachmapError(f"{path}: expected a passphrase on the first line of a text file,"
                             f" at most {PASSPHRASE_FILE_LIMIT // 1024} KiB; this first line is"
                             " longer, or not text")
    try:
        text = line.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        raise AttachmapError(f"{path}: expected a passphrase in UTF-8 text on the first line of"
                             " the file") from None
    if not text:
        raise AttachmapError(f"{path}: the passphrase file's first line is empty")
    return text
