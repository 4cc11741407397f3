"""A write-only file that keeps what is written until it is taken: the ZIP and Parquet writers write into
it, and an export hands each taken piece to the response or the release file as it goes."""

import io


class Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.buffer = bytearray()  # one buffer, not a list of small pieces: taking costs one copy
        self.position = 0  # bytes written in all

    @property
    def held(self) -> int:
        """Bytes written and not yet taken."""
        return len(self.buffer)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out = bytes(self.buffer)
        self.buffer.clear()
        return out
