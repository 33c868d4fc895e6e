"""Platform adapters: each turns platform events into bot calls and bot replies into output.

No rules live here; imports point ``adapters -> bot``.
"""
