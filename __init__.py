"""lankg: a knowledge graph of LAN's cooperation agreements with Indonesian institutions."""

__version__ = "0.1.0"
