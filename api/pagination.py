from rest_framework.pagination import PageNumberPagination


class DiscussionPagination(PageNumberPagination):
    """Twenty discussions a page, as on a community page; a client may ask up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
