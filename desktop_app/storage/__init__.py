"""Profile files on disk: atomic TinyDB storage, schema, migrations. No Qt."""
