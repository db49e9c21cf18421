"""Stage adapters: each module registers one pipeline stage over the store (see ``redline.registry``)."""
