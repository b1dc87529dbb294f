from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_date_ranges"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="Where the outlet published it, when the editor who added it said so.",
                max_length=1000,
                verbose_name="original address",
            ),
        ),
    ]
