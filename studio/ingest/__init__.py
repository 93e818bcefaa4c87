"""Shared helpers for reading what sellers export: text decoding, headers, numbers, images.

Every data-source plugin reads files through these so that a BOM, an Excel UTF-16 export, a GBK
file from a Chinese back office, or ``"1,234"`` in quotes behave the same everywhere.
"""

from studio.ingest.headers import HeaderMap, split_currency
from studio.ingest.numbers import parse_date, parse_decimal, parse_int
from studio.ingest.table import IngestError, Table, decode_export, read_table, read_table_bytes

__all__ = [
    "HeaderMap",
    "IngestError",
    "Table",
    "decode_export",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "read_table",
    "read_table_bytes",
    "split_currency",
]
