"""Readers and writers of files and formats, with validation; frames out."""
