"""Value rules every layer shares: number domains, Dutch number text, suggestions, largest remainder."""
