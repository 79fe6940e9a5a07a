from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("payments", "0001_initial"), ("payments", "0002_cards")]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.TextField())],
        ),
        migrations.CreateModel(
            name="Card",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("pan_token", models.TextField()),
                ("customer", models.ForeignKey(on_delete=models.CASCADE, to="payments.customer")),
            ],
        ),
    ]
