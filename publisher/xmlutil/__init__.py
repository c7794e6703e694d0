"""Small XML helpers the loader and the renderer share: characters XML cannot carry, tree edits."""
