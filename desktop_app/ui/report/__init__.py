"""The report "Since my last session": its pages (text, vector charts) and its dialog."""
