/**
 * Where MNIST and Fashion-MNIST live: file names, torchvision's folder layout, public
 * mirrors and the MD5 of each original `.gz` file (the values torchvision checks).
 */
/** The four IDX files of a data set, by role. */
export const IDX_FILES = {
    trainImages: 'train-images-idx3-ubyte',
    trainLabels: 'train-labels-idx1-ubyte',
    testImages: 't10k-images-idx3-ubyte',
    testLabels: 't10k-labels-idx1-ubyte',
};
export const IDX_ROLES = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];
export const DATASET_SOURCES = {
    mnist: {
        name: 'mnist',
        torchvisionFolder: 'MNIST',
        // torchvision.datasets.MNIST.mirrors
        mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'http://yann.lecun.com/exdb/mnist/'],
        md5: {
            trainImages: 'f68b3c2dcbeaaa9fbdd348bbdeb94873',
            trainLabels: 'd53e105ee54ea40749a09fcbcd1e9432',
            testImages: '9fb629c4189551a2d022fa330f9573f3',
            testLabels: 'ec29112dd5afa0611ce80d1b7f02629c',
        },
    },
    'fashion-mnist': {
        name: 'fashion-mnist',
        torchvisionFolder: 'FashionMNIST',
        // torchvision.datasets.FashionMNIST.mirrors
        mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
        md5: {
            trainImages: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
            trainLabels: '25c81989df183df01b3e8a0aad5dffbe',
            testImages: 'bef4ecab320f06d8554ea6380940ec79',
            testLabels: 'bb300cfdad3c16e7a12a480ee83cd310',
        },
    },
};
/** Environment variable overriding the mirror list (comma-separated base URLs). */
export const MIRROR_ENV = 'PLATEAU_DOCTOR_MIRROR';
/**
 * `Dataset.checksum` (sha256 over the uncompressed train images, train labels, test images,
 * test labels) of the official files, measured on the files whose MD5s are listed above.
 */
export const OFFICIAL_CHECKSUMS = {
    mnist: '06b0d1f124c4e5fa796686ade41a9b778edacc8622f2195a352ef479ad44fc16',
    'fashion-mnist': 'ca3ab2a37f845e1b8ae23cab1b51749a3011ba3bf1d9016176d75cbaabac376f',
};
//# sourceMappingURL=sources.js.map