"""The studio's database: engine/session factory, ORM models and the workspace scope.

>>> from studio.db import session_scope, Scope, Video
>>> with session_scope() as session:
...     videos = Scope(session, workspace_id).list(Video, Video.status == "failed")
"""

from studio.db.base import Base
from studio.db.engine import (
    dispose_engines,
    get_engine,
    get_sessionmaker,
    make_engine,
    session_scope,
)
from studio.db.models import *  # noqa: F403  (re-export every model)
from studio.db.models import __all__ as _model_names
from studio.db.scope import NotFound, Scope, WrongWorkspace
from studio.db.upsert import upsert

__all__ = [
    "Base",
    "NotFound",
    "Scope",
    "WrongWorkspace",
    "dispose_engines",
    "get_engine",
    "get_sessionmaker",
    "make_engine",
    "session_scope",
    "upsert",
    *_model_names,
]
