"""The journal's dialogs, the check-in flow, the reminder and the Journal screen's tabs."""
