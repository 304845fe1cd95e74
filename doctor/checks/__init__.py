"""Check functions, one module per family: each yields Findings and never prints."""
