/* weft's HTML report: the page reads fine without this script; it adds sorting and folding. */
(function () {
  'use strict';
  var body = document.body;

  function toggleAll(open) {
    var locations = document.querySelectorAll('#findings details.location');
    for (var i = 0; i < locations.length; i++) {
      locations[i].open = open;
    }
  }

  function cellValue(row, column) {
    var cell = row.cells[column];
    if (!cell) {
      return '';
    }
    var value = cell.getAttribute('data-value');
    return value === null ? cell.textContent.trim().toLowerCase() : Number(value);
  }

  function sortBy(table, header, column) {
    var descending = !header.classList.contains('sorted-desc');
    var headers = table.querySelectorAll('th');
    for (var i = 0; i < headers.length; i++) {
      headers[i].classList.remove('sorted-asc', 'sorted-desc');
    }
    header.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column);
      var y = cellValue(b, column);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    for (var j = 0; j < rows.length; j++) {
      tbody.appendChild(rows[j]);
    }
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(headers, function (header, column) {
      header.classList.add('sortable');
      header.title = 'Sort by ' + header.textContent.trim().toLowerCase();
      header.addEventListener('click', function () {
        sortBy(table, header, column);
      });
    });
  }

  try {
    var buttons = document.querySelectorAll('[data-toggle-details]');
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener('click', function () {
        toggleAll(button.getAttribute('data-toggle-details') === 'open');
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), makeSortable);
    if (!body.hasAttribute('data-render-error')) {
      body.setAttribute('data-render', 'ok');
    }
  } catch (error) {
    body.setAttribute('data-render-error', String((error && error.message) || error));
  }
})();
