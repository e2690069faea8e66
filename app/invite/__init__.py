"""Personal feedback links: meetings, invitations, sending, opening and tracking."""
