"""A small FIT reader: only the messages ``runs import`` needs (file_id, session, lap,
activity and the distance of records), in one pass over the bytes.

Why our own: measured on the 31 real FIT files in ``tests/data/watch`` and the corpus they
come from, Garmin's ``garmin-fit-sdk`` refuses valid files (a header CRC of 0x0000, which
the protocol allows; compressed-timestamp records from ANT-era watches) and, like
``fitdecode``, decodes every record field in Python (1.3-2 s of CPU for a 700 KB file).
This reader skips what it does not need by size, so a 700 KB file costs a few tens of ms,
and checks the file CRC in the same pass. The FIT protocol facts used here are from the
FIT SDK's public protocol description (file header, record headers, base types, the
CRC-16 the SDK's ``fit_crc.c`` computes).

Errors are :class:`FitError` with a sentence for the runner; nothing here raises anything
else on any bytes (the caller still guards with a broad ``except``).
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from typing import Any

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
#: Below this a FIT date_time is seconds since the device was switched on, not a date.
MIN_ABSOLUTE_TIME = 0x10000000

FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34

#: (field number, name, scale) of the fields read from each message; everything else is skipped.
WANTED: dict[int, dict[int, tuple[str, float]]] = {
    FILE_ID: {0: ("type", 1), 4: ("time_created", 1)},
    SPORT: {0: ("sport", 1)},
    SESSION: {
        253: ("timestamp", 1),
        254: ("message_index", 1),
        2: ("start_time", 1),
        5: ("sport", 1),
        6: ("sub_sport", 1),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        16: ("avg_heart_rate", 1),
        25: ("first_lap_index", 1),
        26: ("num_laps", 1),
    },
    LAP: {
        253: ("timestamp", 1),
        254: ("message_index", 1),
        2: ("start_time", 1),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        23: ("intensity", 1),
        25: ("sport", 1),
    },
    RECORD: {253: ("timestamp", 1), 5: ("distance", 100)},
    ACTIVITY: {253: ("timestamp", 1), 1: ("num_sessions", 1), 5: ("local_timestamp", 1)},
}

# base type number (low 5 bits) -> (struct code, invalid value)
_BASE = {
    0x00: ("B", 0xFF),
    0x01: ("b", 0x7F),
    0x02: ("B", 0xFF),
    0x03: ("h", 0x7FFF),
    0x04: ("H", 0xFFFF),
    0x05: ("i", 0x7FFFFFFF),
    0x06: ("I", 0xFFFFFFFF),
    0x08: ("f", None),
    0x09: ("d", None),
    0x0A: ("B", 0),
    0x0B: ("H", 0),
    0x0C: ("I", 0),
    0x0E: ("q", 0x7FFFFFFFFFFFFFFF),
    0x0F: ("Q", 0xFFFFFFFFFFFFFFFF),
    0x10: ("Q", 0),
}

SPORTS = {
    0: "generic",
    1: "running",
    2: "cycling",
    3: "transition",
    4: "fitness equipment",
    5: "swimming",
    6: "basketball",
    7: "soccer",
    8: "tennis",
    9: "american football",
    10: "training",
    11: "walking",
    12: "cross country skiing",
    13: "alpine skiing",
    14: "snowboarding",
    15: "rowing",
    16: "mountaineering",
    17: "hiking",
    18: "multisport",
    19: "paddling",
    20: "flying",
    21: "e-biking",
    22: "motorcycling",
    23: "boating",
    24: "driving",
    25: "golf",
    26: "hang gliding",
    27: "horseback riding",
    28: "hunting",
    29: "fishing",
    30: "inline skating",
    31: "rock climbing",
    32: "sailing",
    33: "ice skating",
    34: "sky diving",
    35: "snowshoeing",
    36: "snowmobiling",
    37: "stand up paddleboarding",
    38: "surfing",
    39: "wakeboarding",
    40: "water skiing",
    41: "kayaking",
    42: "rafting",
    43: "windsurfing",
    44: "kitesurfing",
}
INTENSITIES = {0: "active", 1: "rest", 2: "warmup", 3: "cooldown", 4: "recovery", 5: "interval", 6: "other"}


class FitError(Exception):
    """A FIT file that cannot be read: the message is one sentence for the runner."""


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _crc_table()


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """The FIT CRC-16 (the SDK's nibble-wise CRC is CRC-16/ARC; a byte table is faster)."""
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def is_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT" and data[0] in (12, 14)


class _Definition:
    __slots__ = ("fields", "global_num", "size")

    def __init__(self, global_num: int, size: int, fields: list[tuple[str, float, int, struct.Struct, int | None]]):
        self.global_num = global_num
        self.size = size
        self.fields = fields  # (name, scale, offset, struct, invalid)


def read_messages(data: bytes) -> dict[int, list[dict[str, Any]]]:
    """The wanted messages of every FIT file chained in ``data``, by global message number.

    A date_time is returned as an int (seconds since the FIT epoch, maybe relative); see
    :func:`fit_time`. Raises FitError for a damaged or foreign file."""
    out: dict[int, list[dict[str, Any]]] = {num: [] for num in WANTED}
    pos = 0
    files = 0
    while pos < len(data):
        if files and len(data) - pos < 12:
            break  # padding after the last chained file
        pos = _read_one(data, pos, out)
        files += 1
    if not files:
        raise FitError("it is not a FIT file")
    return out


def _read_one(data: bytes, start: int, out: dict[int, list[dict[str, Any]]]) -> int:
    pos, end = _checked_bounds(data, start)
    defs: dict[int, _Definition] = {}
    last_time: int | None = None
    unpack_u8 = data.__getitem__
    while pos < end:
        head = unpack_u8(pos)
        pos += 1
        if head & 0x80:  # compressed timestamp header: local type in bits 5-6, 5-bit time offset
            local = (head >> 5) & 0x03
            offset = head & 0x1F
            if last_time is None:
                raise FitError("the FIT file's compressed times have no full time before them; the file is damaged")
            stamp = (last_time & ~0x1F) + offset
            if offset < (last_time & 0x1F):
                stamp += 0x20
            last_time = stamp
            defn = defs.get(local)
            if defn is None:
                raise FitError("the FIT file uses a record type it never defined; the file is damaged")
            if pos + defn.size > end:
                raise FitError("the FIT file is cut short inside a record; copy it from the watch again")
            if defn.global_num in WANTED:
                msg = _decode(data, pos, defn)
                msg.setdefault("timestamp", stamp)
                out[defn.global_num].append(msg)
            pos += defn.size
            continue
        local = head & 0x0F
        if head & 0x40:  # definition message
            pos, defs[local] = _read_definition(data, pos, end, bool(head & 0x20))
            continue
        defn = defs.get(local)
        if defn is None:
            raise FitError("the FIT file uses a record type it never defined; the file is damaged")
        if pos + defn.size > end:
            raise FitError("the FIT file is cut short inside a record; copy it from the watch again")
        if defn.fields:
            msg = _decode(data, pos, defn)
            full_time = msg.get("timestamp")
            if isinstance(full_time, int):
                last_time = full_time
            if defn.global_num in WANTED:
                out[defn.global_num].append(msg)
        pos += defn.size
    return end + 2


def _checked_bounds(data: bytes, start: int) -> tuple[int, int]:
    """Where the records of the FIT file at ``start`` begin and end, after checking its
    header and both checksums."""
    view = memoryview(data)
    if len(data) - start < 12 or data[start + 8 : start + 12] != b".FIT":
        raise FitError(
            "it is not a FIT file"
            if start == 0
            else "the FIT file has trailing bytes that are not FIT data; copy it from the watch again"
        )
    header_size = data[start]
    if header_size < 12 or len(data) - start < header_size:
        raise FitError("the FIT file's header is damaged; copy it from the watch again")
    data_size: int = struct.unpack_from("<I", data, start + 4)[0]
    if header_size >= 14:
        header_crc = struct.unpack_from("<H", data, start + 12)[0]
        # 0x0000 means "not computed", which the protocol allows
        if header_crc and header_crc != fit_crc(view[start : start + 12]):
            raise FitError(
                "the FIT file's header is damaged (its checksum does not match); copy it from the watch again"
            )
    end = start + header_size + data_size
    if end + 2 > len(data):
        raise FitError("the FIT file is cut short; copy it from the watch again")
    if fit_crc(view[start : end + 2]) != 0:  # the CRC over the file including its own CRC is 0
        raise FitError("the FIT file is damaged (its checksum does not match); copy it from the watch again")
    return start + header_size, end


def _read_definition(data: bytes, pos: int, end: int, developer: bool) -> tuple[int, _Definition]:
    """A definition message at ``pos`` (after its header byte): where the next record
    starts, and the fields of it that are kept (those of WANTED messages; the timestamp
    of any other)."""
    if pos + 5 > end:
        raise FitError("the FIT file is cut short inside a definition; copy it from the watch again")
    big = data[pos + 1] == 1
    global_num = struct.unpack_from(">H" if big else "<H", data, pos + 2)[0]
    count = data[pos + 4]
    pos += 5
    if pos + 3 * count > end:
        raise FitError("the FIT file is cut short inside a definition; copy it from the watch again")
    wanted = WANTED.get(global_num, {})
    fields = []
    size = 0
    order = ">" if big else "<"
    for i in range(count):
        num, fsize, base = data[pos + 3 * i], data[pos + 3 * i + 1], data[pos + 3 * i + 2] & 0x1F
        spec = wanted.get(num)
        info = _BASE.get(base)
        if (spec is not None or num == 253) and info is not None:
            code, invalid = info
            one = struct.Struct(order + code)
            if fsize == one.size:  # a field of the wrong size (misaligned writers) is left out
                name, scale = spec if spec is not None else ("timestamp", 1)
                fields.append((name, scale, size, one, invalid))
        size += fsize
    pos += 3 * count
    if developer:  # developer fields: only their sizes matter here
        if pos + 1 > end:
            raise FitError("the FIT file is cut short inside a definition; copy it from the watch again")
        dev = data[pos]
        pos += 1
        if pos + 3 * dev > end:
            raise FitError("the FIT file is cut short inside a definition; copy it from the watch again")
        size += sum(data[pos + 3 * i + 1] for i in range(dev))
        pos += 3 * dev
    keep = global_num in WANTED
    return pos, _Definition(global_num, size, fields if keep else [f for f in fields if f[0] == "timestamp"])


def _decode(data: bytes, pos: int, defn: _Definition) -> dict[str, Any]:
    msg: dict[str, Any] = {}
    for name, scale, offset, one, invalid in defn.fields:
        value = one.unpack_from(data, pos + offset)[0]
        if value == invalid or (isinstance(value, float) and value != value):
            continue
        msg[name] = value / scale if scale != 1 else value
    return msg


def fit_time(value: object) -> datetime | None:
    """An absolute FIT date_time as an aware UTC datetime; None for relative or missing ones."""
    if not isinstance(value, int) or value < MIN_ABSOLUTE_TIME:
        return None
    return FIT_EPOCH + timedelta(seconds=value)
