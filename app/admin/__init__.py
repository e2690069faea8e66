"""Administration pages other than staff accounts (which live with sign-in in app/auth)."""
