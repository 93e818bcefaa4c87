"""What a number cell looks like, shared by the number and price readers."""

from __future__ import annotations

import re

# 1,234 or 1,234.56 (a thousands comma), possibly closing an accounting "(…)"
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?\)?")
# cells that mean "nothing here"
BLANKS = {"", "-", "--", "—", "–", "n/a", "na", "null", "none"}
