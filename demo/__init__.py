"""Demo content: the programme as the news item that starts it tells it, plus sample data."""
