from __future__ import annotations

import pytest

from studio.plugins import PluginHost


@pytest.fixture
def empty_host() -> PluginHost:
    """A host with every installed plugin disabled, for registering mocks one at a time."""
    return PluginHost(allow=set()).load()
