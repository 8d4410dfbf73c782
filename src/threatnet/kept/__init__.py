"""The kept layer: what the store keeps computed from its claims by the analysis (the
graded facts, `grades`), registered with the store on import (`store.keeper`)."""

from threatnet.kept.grades import GradeKeeper
from threatnet.store.keeper import register

register(GradeKeeper())

__all__ = ["GradeKeeper"]
