from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Card",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("pan_token", models.TextField()),
                ("customer", models.ForeignKey(on_delete=models.CASCADE, to="payments.customer")),
            ],
        ),
    ]
