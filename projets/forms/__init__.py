"""Forms check shape only; the rules they share with services live in projets/rules.py."""
