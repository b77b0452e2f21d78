"""Qt models over plain rows fetched from the journal once per change."""
