"""What every ops command shares: one-line errors, emulator reachability, the ``--project`` option."""
