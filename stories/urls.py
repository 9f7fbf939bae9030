from django.urls import path

from . import feeds, views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("share/", views.share, name="share"),
    path("share/thanks/", views.thanks, name="thanks"),
    path("share/photo/<str:reference>/", views.unsent_photo, name="unsent_photo"),
    path("feed/", feeds.LatestStoriesFeed(), name="feed"),
    path("mine/<str:token>/", views.mine, name="mine"),
    path("mine/<str:token>/photo/", views.mine_photo, name="mine-photo"),
    path("mine/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("withdrawn/", views.withdrawn, name="withdrawn"),
    path("<slug:slug>/", views.story_detail, name="detail"),
]
