"""Resolve: link mentions to the actor pack and gather them into entities."""

from threatnet.resolve.pack import ActorPack, PackEntry, load_actor_pack

__all__ = ["ActorPack", "PackEntry", "load_actor_pack"]
