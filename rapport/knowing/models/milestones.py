"""(models to come)"""
