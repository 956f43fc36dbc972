"""Imports every model module so ``Base.metadata`` knows all tables (for Alembic)."""

from eoffice.db import models  # noqa: F401
from eoffice.db.base import Base

metadata = Base.metadata
