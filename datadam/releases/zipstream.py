"""A ZIP writer whose memory stays flat however many members an archive holds.

Python's zipfile keeps an object per member until it writes the central directory at the end (about
350 bytes each: 35 MB for 100,000 files). This writer streams each member (deflated, with a data
descriptor) and writes its central directory record to a scratch file at once, then copies that file
to the end of the archive. ZIP64 records are written when the archive needs them (more than 65,535
members, or past 4 GiB), so any unzip tool and Python's zipfile read the result. One member must stay
under 4 GiB, which raw images, recordings and label files do.
"""

import shutil
import struct
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

LOCAL = struct.Struct("<IHHHHHIIIHH")
DESCRIPTOR = struct.Struct("<IIII")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
ZIP64_END = struct.Struct("<IQHHIIQQQQ")
ZIP64_LOCATOR = struct.Struct("<IIQI")
END = struct.Struct("<IHHHHIIH")
UTF8_AND_DESCRIPTOR = 0x0800 | 0x0008
DEFLATED = 8
LIMIT = 0xFFFFFFFF
# Every member has the same date (2020-01-01 00:00), so the same content always gives the same bytes.
DOS_DATE, DOS_TIME = ((2020 - 1980) << 9) | (1 << 5) | 1, 0
UNIX_FILE = 0o100644 << 16


class ZipWriter:
    def __init__(self, path: Path) -> None:
        self.out = path.open("wb")
        self.central = tempfile.TemporaryFile()
        self.count = 0

    def __enter__(self) -> "ZipWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:  # a half-written archive is deleted with the scratch folder; just let go of the files
            self.out.close()
            self.central.close()

    def add(self, name: str, content: bytes | Iterable[bytes]) -> None:
        """One member from bytes or from an iterable of blocks (a file copied in pieces)."""
        encoded, offset = name.encode("utf-8"), self.out.tell()
        self.out.write(LOCAL.pack(0x04034B50, 20, UTF8_AND_DESCRIPTOR, DEFLATED, DOS_TIME, DOS_DATE, 0, 0, 0,
                                  len(encoded), 0))
        self.out.write(encoded)
        crc, size, packed = 0, 0, 0
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        for block in [content] if isinstance(content, bytes) else content:
            crc, size = zlib.crc32(block, crc), size + len(block)
            piece = compressor.compress(block)
            packed += len(piece)
            self.out.write(piece)
        piece = compressor.flush()
        packed += len(piece)
        self.out.write(piece)
        if size >= LIMIT or packed >= LIMIT:
            raise ValueError(f"{name}: a member of 4 GiB or more is not supported")
        self.out.write(DESCRIPTOR.pack(0x08074B50, crc, packed, size))
        self._central_record(encoded, offset, crc, packed, size)
        self.count += 1

    def _central_record(self, encoded: bytes, offset: int, crc: int, packed: int, size: int) -> None:
        extra = b""
        if offset >= LIMIT:
            extra, offset = struct.pack("<HHQ", 0x0001, 8, offset), LIMIT
        needed = 45 if extra else 20
        self.central.write(CENTRAL.pack(
            0x02014B50, (3 << 8) | 45, needed, UTF8_AND_DESCRIPTOR, DEFLATED, DOS_TIME, DOS_DATE, crc, packed, size,
            len(encoded), len(extra), 0, 0, 0, UNIX_FILE, offset,
        ))
        self.central.write(encoded + extra)

    def close(self) -> None:
        start = self.out.tell()
        self.central.seek(0)
        shutil.copyfileobj(self.central, self.out, 1024 * 1024)
        self.central.close()
        length = self.out.tell() - start
        if self.count >= 0xFFFF or start >= LIMIT or length >= LIMIT:
            end64 = self.out.tell()
            self.out.write(ZIP64_END.pack(0x06064B50, 44, 45, 45, 0, 0, self.count, self.count, length, start))
            self.out.write(ZIP64_LOCATOR.pack(0x07064B50, 0, end64, 1))
        self.out.write(END.pack(0x06054B50, 0, 0, min(self.count, 0xFFFF), min(self.count, 0xFFFF),
                                min(length, LIMIT), min(start, LIMIT), 0))
        self.out.close()
