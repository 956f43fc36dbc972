"""eoffice: the exams office's desktop application.

The version lives here alone; pyproject.toml reads it, so ``eoffice --version`` and the
package metadata never disagree.
"""

__version__ = "0.1.0"
