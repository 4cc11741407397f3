"""A ZIP written as a stream: members go out as soon as they are written, so nothing waits in memory.

zipfile writes to an unseekable file with data descriptors after each member; `ZipStream` collects what
it writes and hands it out in pieces that the exporter yields to the response or the release file.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator

FIXED_DATE = (2020, 1, 1, 0, 0, 0)  # the same release gives the same bytes


class _Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


class ZipStream:
    def __init__(self) -> None:
        self._sink = _Sink()
        self._zip = zipfile.ZipFile(self._sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def add(self, name: str, content: str | bytes) -> bytes:
        """Write one small member; returns the archive's bytes written so far, to be yielded."""
        self._zip.writestr(self._info(name), content.encode("utf-8") if isinstance(content, str) else content)
        return self._sink.take()

    def add_blocks(self, name: str, blocks: Iterable[bytes | str]) -> Iterator[bytes]:
        """Write one member from blocks (a large file or a long text), yielding the archive as it grows."""
        with self._zip.open(self._info(name), "w", force_zip64=True) as member:
            for block in blocks:
                member.write(block.encode("utf-8") if isinstance(block, str) else block)
                if self._sink.position and len(self._sink.parts) > 16:
                    yield self._sink.take()
        yield self._sink.take()

    def close(self) -> bytes:
        self._zip.close()
        return self._sink.take()
