"""Voice: Assist sentences, intents and LLM tools (SPEC §13)."""
