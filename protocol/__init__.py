"""The council's protocol as data: the pack model, importers, clause search.

Pure Python: nothing here imports the bot, storage or any chat platform.
"""
