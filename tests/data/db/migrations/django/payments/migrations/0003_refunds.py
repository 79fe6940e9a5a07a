from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_squashed_0002_cards")]

    operations = [
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("amount", models.DecimalField(max_digits=12, decimal_places=2)),
                ("card", models.ForeignKey(on_delete=models.CASCADE, to="payments.card")),
            ],
        ),
    ]
