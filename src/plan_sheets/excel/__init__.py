"""excel"""
