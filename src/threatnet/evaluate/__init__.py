"""Evaluate: score extraction records against gold annotations (`threatnet eval`)."""
