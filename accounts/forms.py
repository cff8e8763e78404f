from django import forms


class MemberSignupForm(forms.Form):
    def signup(self, request, user):
        pass
