// The task page (labeling/page.html): keys and a checked submit for its several items (widgets/label_page.ts).

import { initLabelPage } from '../widgets/label_page';

document.querySelectorAll<HTMLFormElement>('form#label-page').forEach((form) => initLabelPage(form));
