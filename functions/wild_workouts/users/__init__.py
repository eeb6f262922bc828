"""The users module: each attendee's training balance."""
