from alembic import context

context.configure(url="postgresql://localhost/app", target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
