from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render


@login_required
def profile_edit(request):
    return render(request, "base.html")


@login_required
def photo(request, user_id: int):
    raise Http404
