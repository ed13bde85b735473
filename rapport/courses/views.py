from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rapport.core.access import STAFF, course_access


@login_required
def dashboard(request):
    return render(request, "base.html")


@login_required
def course_create(request):
    return render(request, "base.html")


@login_required
def join(request):
    return render(request, "base.html")


@course_access()
def home(request):
    return render(request, "course_base.html")


@course_access()
def people(request):
    return render(request, "course_base.html")


@course_access(STAFF)
def members(request):
    return render(request, "course_base.html")


@course_access(STAFF)
def settings(request):
    return render(request, "course_base.html")
