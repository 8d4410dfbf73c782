"""Analysis over the knowledge base: claims as of a date, actor profiles, contradictions,
fact grades (`claims`, `profile`, `contradictions`, `grading`), and inference and paths."""
