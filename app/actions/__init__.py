""" "You said, we did": what the council heard, what it did about it, published for everyone."""
