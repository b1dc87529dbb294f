from django import forms


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label="Search the articles", required=False, max_length=200, strip=True)
