from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination

from .exceptions import Refused


class DiscussionPagination(PageNumberPagination):
    """
    Twenty discussions a page, as on a community page; a client may ask up to
    100. A page number that is no number is the client's mistake (400); a
    page past the last one does not exist (404, as in DRF).
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        number = request.query_params.get(self.page_query_param)
        if number is not None and not self.is_page_number(number):
            message = _("Le numéro de page doit être un entier positif.")
            raise Refused(message, "invalid_page", fields={"page": [message]})
        return super().paginate_queryset(queryset, request, view)

    def is_page_number(self, value):
        if value in self.last_page_strings:
            return True
        # Not int(value): Python refuses to convert thousands of digits.
        return value.isascii() and value.isdigit() and value.strip("0") != ""

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
