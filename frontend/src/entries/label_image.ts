// Image widgets of the labeling and review pages: boxes, polygons and keypoints.
import { startImageWidget } from '../widgets/image_regions';
import { onReady } from '../widgets/regions';

onReady('image', startImageWidget);
