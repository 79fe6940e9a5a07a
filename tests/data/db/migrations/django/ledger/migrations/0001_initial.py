from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("payments", "0003_refunds")]

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[("id", models.BigAutoField(primary_key=True)), ("amount", models.IntegerField())],
        ),
    ]
